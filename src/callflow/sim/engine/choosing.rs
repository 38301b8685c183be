//! Choices a person makes while a call runs on the call screen: what callB's callee will
//! do, and which responder answers the Voice Call Actions still to come. A choice only
//! reaches what has not happened yet, so the run stays one a script could reproduce.

use super::Simulation;
use crate::callflow::sim::callee::Callee;
use crate::callflow::sim::responder::Responder;

impl Simulation {
    /// Sets what callB's callee does, while callB is not dialled yet; false once it is.
    pub fn choose_callee_b(&mut self, callee: Callee) -> bool {
        if self.legs.len() > 1 {
            return false;
        }
        self.setup.callee_b = callee;
        true
    }

    /// The responder that answers every VCA from now on.
    pub fn choose_responder(&mut self, responder: Responder) {
        self.setup.responder = responder;
    }

    /// What the simulation was set up with, choices included.
    pub fn setup(&self) -> &crate::callflow::sim::setup::Setup {
        &self.setup
    }
}
